<#-- seat changes of one attendance (they run through the signup pipeline); back: the page to return to -->
<#macro seatActions a courseId back moveTo>
  <#if a.state == "waiting" || a.state == "pool" || a.state == "offered">
  <form method="post" action="/admin/attendances/${a.id?c}/admit" class="inline">
    <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="back" value="${back}"><input type="hidden" name="checkboxes" value="notify">
    <label><input type="checkbox" name="notify" checked> ${t["admin.seat.notify"]}</label>
    <button type="submit" id="admit-${a.id?c}">${t["admin.seat.admit"]}</button>
  </form>
  </#if>
  <#if a.state != "cancelled">
  <#if moveTo?size gt 0>
  <form method="post" action="/admin/attendances/${a.id?c}/move" class="inline">
    <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="back" value="${back}"><input type="hidden" name="checkboxes" value="notify">
    <label for="move-to-${a.id?c}" class="visually-hidden">${t["admin.seat.to-course"]}</label>
    <select id="move-to-${a.id?c}" name="courseId"><#list moveTo as c><#if c.id != courseId><option value="${c.id?c}">${c.level} ${c.alternative}</option></#if></#list></select>
    <label><input type="checkbox" name="notify" checked> ${t["admin.seat.notify"]}</label>
    <button type="submit" id="move-${a.id?c}">${t["admin.seat.move"]}</button>
  </form>
  </#if>
  <form method="post" action="/admin/attendances/${a.id?c}/remove" class="inline">
    <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="back" value="${back}"><input type="hidden" name="checkboxes" value="notify">
    <label><input type="checkbox" name="notify" checked> ${t["admin.seat.notify"]}</label>
    <button type="submit" id="remove-${a.id?c}">${t["admin.seat.remove"]}</button>
  </form>
  </#if>
</#macro>
