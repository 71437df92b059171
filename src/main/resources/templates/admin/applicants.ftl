<#import "layout.ftl" as admin>
<@admin.page title=t["admin.applicants.title"]>
<h1>${t["admin.applicants.title"]}</h1>
<form method="get" action="/admin/applicants" role="search">
  <label for="applicant-search">${t["admin.applicants.search"]}</label>
  <input id="applicant-search" name="q" value="${q}" autocomplete="off" minlength="2" maxlength="200" data-api="/api/admin/applicants">
  <button type="submit">${t["admin.applicants.find"]}</button>
</form>
<ul id="applicant-results" data-none="${t["admin.applicants.none"]}">
<#list results as r>
  <li id="applicant-${r.id?c}"><a href="/admin/applicants/${r.id?c}">${r.firstName} ${r.lastName}</a> &lt;${r.mail}&gt;
    <#list r.attendances as a> · ${(lang == "en")?then(a.languageEn, a.languageDe)} ${a.course} (${t["admin.state." + a.state]})</#list></li>
</#list>
</ul>
<#if q?length gt 1 && results?size == 0><p>${t["admin.applicants.none"]}</p></#if>
<script src="/static/admin-search.js"></script>
</@admin.page>
