<#import "layout.ftl" as admin>
<@admin.page title=t["export.title"]>
<h1>${t["export.title"]}</h1>
<p>${t["export.intro"]}</p>
<form method="get" action="/admin/exports/file" id="export-form">
  <fieldset>
    <legend>${t["admin.mail.courses"]}</legend>
    <#if superuser><label><input type="checkbox" name="all" value="1"> ${t["export.all"]}</label><br></#if>
    <#list languages as l>
      <label><input type="checkbox" name="language" value="${l.id?c}"> <strong>${l.name}</strong></label><br>
      <#list l.courses as c><label><input type="checkbox" name="course" value="${c.id?c}"> ${l.name} ${c.name}</label><br></#list>
    </#list>
  </fieldset>
  <fieldset>
    <legend>${t["export.columns"]}</legend>
    <#list columns as c><label><input type="checkbox" name="column" value="${c}"<#if defaults?seq_contains(c)> checked</#if>> ${t["export.column." + c]}</label> </#list>
  </fieldset>
  <p><label><input type="radio" name="format" value="xlsx" checked> XLSX</label> <label><input type="radio" name="format" value="csv"> CSV</label></p>
  <p><button type="submit" id="export">${t["export.submit"]}</button></p>
</form>
<p>${t["export.grades-intro"]}</p>
<h2>${t["export.job.heading"]}</h2>
<p>${t["export.job.intro"]}</p>
<form method="post" action="/admin/exports/jobs" id="export-job-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <p><label for="job-scope">${t["export.job.scope"]}</label>
    <select name="scope" id="job-scope">
      <option value="language">${t["export.job.scope.language"]}</option>
      <#if superuser><option value="semester">${t["export.job.scope.semester"]}</option></#if>
    </select>
    <label for="job-language">${t["export.job.language"]}</label>
    <select name="languageId" id="job-language"><#list languages as l><option value="${l.id?c}">${l.name}</option></#list></select></p>
  <fieldset>
    <legend>${t["export.columns"]}</legend>
    <#list columns as c><label><input type="checkbox" name="column" value="${c}"<#if defaults?seq_contains(c)> checked</#if>> ${t["export.column." + c]}</label> </#list>
  </fieldset>
  <p><label><input type="radio" name="format" value="xlsx" checked> XLSX</label> <label><input type="radio" name="format" value="csv"> CSV</label>
    <label><input type="radio" name="format" value="zip"> ${t["export.job.zip"]}</label></p>
  <p><button type="submit" id="export-job-start">${t["export.job.start"]}</button></p>
</form>
</@admin.page>
