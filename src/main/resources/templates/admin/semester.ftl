<#import "layout.ftl" as admin>
<@admin.page title=t["admin.semester.title"]>
<h1>${t["admin.semester.title"]}</h1>
<#include "semesters-panel.ftl">
<h2 id="languages-heading">${t["semesters.languages-of"]?replace("{0}", semester.name!"")}</h2>
<table class="list" id="languages">
  <thead><tr><th>${t["admin.language.name"]}</th><th>${t["admin.language.signupBegin"]}</th><th>${t["admin.language.lotteryEnd"]}</th><th>${t["admin.language.fcfsBegin"]}</th><th>${t["admin.language.signupEnd"]}</th><th>${t["admin.language.manualMode"]}</th><th>${t["admin.language.courses"]}</th></tr></thead>
  <tbody>
  <#list languages as l>
    <#assign n = 0><#list courses as c><#if c.languageId == l.id><#assign n = n + 1></#if></#list>
    <tr id="language-${l.id?c}"><td><a href="/admin/languages/${l.id?c}">${(lang == "en")?then(l.nameEn, l.nameDe)}</a></td>
      <td>${l.signupBeginLocal?replace("T", " ")}</td><td>${l.lotteryEndLocal?replace("T", " ")}</td><td>${l.fcfsBeginLocal?replace("T", " ")}</td><td>${l.signupEndLocal?replace("T", " ")}</td>
      <td><#if l.manualMode>✓</#if></td><td>${n?c}</td></tr>
  </#list>
  </tbody>
</table>
<#if (semester.state!"open") == "open">
<h2>${t["admin.semester.new-language"]}</h2>
<#include "language-form.ftl">
<@languageForm action="/admin/languages" l={} submit=t["admin.create"]/>
</#if>
</@admin.page>
