<#import "layout.ftl" as admin>
<#assign s = check.semester>
<@admin.page title=t["semesters.close.title"]?replace("{0}", s.name)>
<h1>${t["semesters.close.title"]?replace("{0}", s.name)}</h1>
<p>${s.startsOn} – ${s.endsOn} · ${t["semesters.state." + s.state]} · <a href="/admin/semester?semester=${s.id?c}">${t["semesters.languages-link"]}</a></p>
<h2>${t["semesters.close.checklist"]}</h2>
<ul class="checklist" id="checklist">
  <li id="check-unpaid" class="<#if check.unpaid.count == 0>done<#else>open</#if>">${t["semesters.close.unpaid"]?replace("{0}", check.unpaid.count?c)}
    <#if check.unpaid.examples?has_content>: <#list check.unpaid.examples as e>${e.name}<#sep>, </#sep></#list><#if (check.unpaid.count > check.unpaid.examples?size)> …</#if></#if>
    <#if (check.unpaid.count > 0)> – <a href="/admin/payments" id="payment-desk-link">${t["semesters.close.payment-desk"]}</a></#if></li>
  <li id="check-ungraded" class="<#if check.ungraded.count == 0>done<#else>open</#if>">${t["semesters.close.ungraded"]?replace("{0}", check.ungraded.count?c)}
    <#if check.ungraded.examples?has_content>: <#list check.ungraded.examples as e><a href="/admin/courses/${e.courseId?c}/grades">${e.name}</a><#sep>, </#sep></#list><#if (check.ungraded.count > check.ungraded.examples?size)> …</#if></#if></li>
  <li id="check-mails" class="<#if check.mails.pending == 0 && check.mails.failed == 0>done<#else>open</#if>">${t["semesters.close.mails"]?replace("{0}", check.mails.pending?c)?replace("{1}", check.mails.failed?c)}
    <#if check.mails.failedExamples?has_content>: <#list check.mails.failedExamples as e>${e}<#sep>, </#sep></#list></#if>
    <#if (check.mails.failed > 0)> – <a href="/admin/mail/problems">${t["admin.nav.problems"]}</a></#if></li>
</ul>
<#if s.state == "open">
<#if check.clear><p id="all-clear">${t["semesters.close.clear"]}</p><#else><p id="not-clear">${t["semesters.close.not-clear"]}</p></#if>
<form method="post" action="/admin/semesters/${s.id?c}/archive" id="archive-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <p>${t["semesters.close.archive-hint"]}</p>
  <p><button type="submit" id="archive-semester">${t["semesters.close.archive"]}</button></p>
</form>
<#else>
<p id="archived-at">${t["semesters.close.archived-at"]?replace("{0}", s.archivedAt)}</p>
</#if>
</@admin.page>
