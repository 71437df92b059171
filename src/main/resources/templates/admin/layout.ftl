<#import "../layout.ftl" as base>
<#-- every staff page: the site layout, the staff navigation, who is logged in, and a notice after an action -->
<#macro page title>
<@base.page title=title>
<nav class="admin-nav" aria-label="${t["admin.title"]}">
  <a href="/admin">${t["admin.nav.overview"]}</a>
  <#if managesAny><a href="/admin/mail">${t["admin.nav.mail"]}</a> <a href="/admin/exports">${t["export.title"]}</a></#if>
  <#-- staff area part 1: semester work -->
  <#if superuser><a href="/admin/semester">${t["admin.nav.semester"]}</a></#if>
  <#if managesAny><a href="/admin/applicants">${t["admin.nav.applicants"]}</a><a href="/admin/payments">${t["admin.nav.payments"]}</a></#if>
  <#if superuser><a href="/admin/tokens">${t["admin.nav.tokens"]}</a><a href="/admin/audit">${t["admin.nav.audit"]}</a></#if>
  <a href="/admin/me">${t["admin.nav.me"]}</a>
  <#if superuser>
  <a href="/admin/stats">${t["stats.title"]}</a>
  <a href="/admin/mail/problems">${t["admin.nav.problems"]}</a>
  <a href="/admin/harvest">${t["admin.nav.harvest"]}</a>
  <a href="/admin/roles">${t["admin.nav.roles"]}</a>
  </#if>
  <span class="meta">${t["admin.logged-in-as"]} <strong id="staff-name">${staffName}</strong></span>
  <form method="post" action="/auth/logout" class="inline"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="return" value="/"><button type="submit" id="logout">${t["admin.logout"]}</button></form>
</nav>
<#if notice?has_content><p class="notice" role="status" id="notice">${notice}</p></#if>
<#nested>
</@base.page>
</#macro>
