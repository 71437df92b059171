<#import "layout.ftl" as admin>
<@admin.page title=t["admin.mail.title"]>
<h1>${t["admin.mail.title"]}</h1>
<p>${t["admin.mail.intro"]}</p>
<#if error?has_content><p class="problem" role="alert" id="form-error">${error}</p></#if>
<form method="post" action="/admin/mail">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <fieldset>
    <legend>${t["admin.mail.courses"]}</legend>
    <#list languages as l>
      <#list l.courses as c>
        <#if c.canManage>
        <label><input type="checkbox" name="course" value="${c.id?c}"<#if selected?seq_contains(c.id)> checked</#if>> ${l.name} ${c.name} (${c.confirmed?c} / ${c.waiting?c})</label><br>
        </#if>
      </#list>
    </#list>
  </fieldset>
  <p><label><input type="checkbox" name="includeWaiting" value="on"<#if includeWaiting> checked</#if>> ${t["admin.mail.include-waiting"]}</label></p>
  <label for="subject">${t["admin.mail.subject"]}</label>
  <input id="subject" name="subject" value="${subject}" maxlength="200" required>
  <label for="body">${t["admin.mail.body"]}</label>
  <textarea id="body" name="body" rows="12" required>${body}</textarea>
  <p><button type="submit" id="send">${t["admin.mail.submit"]}</button></p>
</form>
</@admin.page>
