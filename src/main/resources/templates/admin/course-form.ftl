<#-- the course form, empty for a new course (with its language) or filled for an existing one -->
<#macro courseForm action c submit languageId="">
<form method="post" action="${action}" class="stacked" id="course-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <input type="hidden" name="checkboxes" value="ratingGated,hasWaitingList">
  <#if languageId?has_content><input type="hidden" name="languageId" value="${languageId}"></#if>
  <label for="level">${t["admin.course.level"]}</label><input id="level" name="level" value="${c.level!""}" maxlength="120" required>
  <label for="alternative">${t["admin.course.alternative"]}</label><input id="alternative" name="alternative" value="${c.alternative!""}" maxlength="60">
  <label for="ger">${t["admin.course.ger"]}</label>
  <select id="ger" name="ger"><option value=""></option><#list ["A1","A2","B1","B2","C1","C2"] as g><option value="${g}" <#if (c.ger!"") == g>selected</#if>>${g}</option></#list></select>
  <label for="schedule">${t["admin.column.schedule"]}</label><input id="schedule" name="schedule" value="${c.schedule!""}" maxlength="400">
  <label for="room">${t["admin.course.room"]}</label><input id="room" name="room" value="${c.room!""}" maxlength="120">
  <label for="teacher">${t["admin.course.teacher"]}</label><input id="teacher" name="teacher" value="${c.teacher!""}" maxlength="120">
  <label for="firstDate">${t["admin.course.firstDate"]}</label><input id="firstDate" name="firstDate" type="date" value="${c.firstDate!""}">
  <label for="lastDate">${t["admin.course.lastDate"]}</label><input id="lastDate" name="lastDate" type="date" value="${c.lastDate!""}">
  <label for="seats">${t["admin.column.seats"]}</label><input id="seats" name="seats" type="number" min="0" max="10000" value="${(c.seats!0)?c}" required>
  <label for="price">${t["admin.course.price"]}</label><input id="price" name="price" inputmode="decimal" value="${c.price!"0"}">
  <label for="ratingLowest">${t["admin.course.ratingLowest"]}</label><input id="ratingLowest" name="ratingLowest" type="number" min="0" max="100" value="${(c.ratingLowest!0)?c}">
  <label for="ratingHighest">${t["admin.course.ratingHighest"]}</label><input id="ratingHighest" name="ratingHighest" type="number" min="0" max="100" value="${(c.ratingHighest!100)?c}">
  <label><input type="checkbox" id="ratingGated" name="ratingGated" <#if (c.ratingGated!false)>checked</#if>> ${t["admin.course.ratingGated"]}</label>
  <label for="collision">${t["admin.course.collision"]}</label><input id="collision" name="collision" value="${c.collisionText!""}">
  <label><input type="checkbox" id="hasWaitingList" name="hasWaitingList" <#if (c.hasWaitingList!true)>checked</#if>> ${t["admin.course.hasWaitingList"]}</label>
  <label for="waitingCapFactor">${t["admin.course.waitingCapFactor"]}</label><input id="waitingCapFactor" name="waitingCapFactor" type="number" min="0" max="100" value="${(c.waitingCapFactor!3)?c}">
  <p><button type="submit" id="save-course">${submit}</button></p>
</form>
</#macro>
