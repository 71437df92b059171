<#import "layout.ftl" as admin>
<#assign a = applicant>
<#macro pick name items required=false>
  <label for="${name}">${t["signup." + name]}</label>
  <select id="${name}" name="${name}"<#if required> required</#if>><option value="">${t["signup.choose"]}</option>
    <#list items as i><option value="${i.id?c}"<#if a[name]?is_number && a[name] == i.id> selected</#if>>${(lang == "en")?then(i.nameEn, i.nameDe)}</option></#list>
  </select>
</#macro>
<@admin.page title=t["admin.desk.edit-title"]>
<h1>${t["admin.desk.edit-title"]}: ${a.firstName} ${a.lastName}</h1>
<p><a href="/admin/applicants/${a.id?c}">${t["admin.desk.back-to-applicant"]}</a></p>
<form method="post" action="/admin/applicants/${a.id?c}/edit" class="stacked" id="applicant-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <label for="firstName">${t["signup.firstName"]}</label><input id="firstName" name="firstName" value="${a.firstName}" maxlength="60" required>
  <label for="lastName">${t["signup.lastName"]}</label><input id="lastName" name="lastName" value="${a.lastName}" maxlength="60" required>
  <label for="mail">${t["signup.mail"]}</label><input id="mail" name="mail" type="email" value="${a.mail}" maxlength="254" required>
  <label for="tag">${t["signup.tag"]}</label><input id="tag" name="tag" value="" maxlength="40" autocomplete="off" aria-describedby="tag-hint">
  <p id="tag-hint"><small><#if a.hasTag>${t["admin.desk.tag-stored"]}<#else>${t["admin.desk.tag-none"]}</#if></small></p>
  <#if a.hasTag><label><input type="checkbox" id="removeTag" name="removeTag"> ${t["admin.desk.tag-remove"]}</label></#if>
  <@pick name="originId" items=choices.origins required=true/>
  <@pick name="degreeId" items=choices.degrees/>
  <@pick name="graduationId" items=choices.graduations/>
  <label for="semester">${t["signup.semester"]}</label><input id="semester" name="semester" type="number" min="1" max="40" value="${a.semester?is_number?then(a.semester?c, "")}">
  <label for="locale">${t["admin.desk.locale"]}</label>
  <select id="locale" name="locale"><#list ["de", "en"] as l><option value="${l}"<#if a.locale == l> selected</#if>>${t["admin.desk.locale." + l]}</option></#list></select>
  <p><button type="submit" id="save-applicant">${t["admin.save"]}</button></p>
</form>
</@admin.page>
