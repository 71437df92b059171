<#import "layout.ftl" as admin>
<@admin.page title=t["admin.title"]>
<h1>${t["admin.title"]}</h1>
<h2>${t["admin.overview.courses"]}</h2>
<#if languages?size == 0><p>${t["admin.overview.no-courses"]}</p></#if>
<#list languages as l>
<h3>${l.name}</h3>
<table class="list">
  <thead><tr><th>${t["admin.column.course"]}</th><th>${t["admin.column.seats"]}</th><th>${t["admin.column.confirmed"]}</th><th>${t["admin.column.waiting"]}</th><th>${t["admin.column.pool"]}</th></tr></thead>
  <tbody>
  <#list l.courses as c>
    <tr id="course-${c.id?c}"><td><a href="/admin/courses/${c.id?c}">${c.name}</a></td><td>${c.seats?c}</td><td>${c.confirmed?c}</td><td>${c.waiting?c}</td><td>${c.pool?c}</td></tr>
  </#list>
  </tbody>
</table>
</#list>
<h2>${t["admin.overview.mail"]}</h2>
<#if mailStats?has_content>
<p id="mail-stats">${(mailStats.pending!0)?c} ${t["admin.mail.pending"]} · ${(mailStats.sent!0)?c} ${t["admin.mail.sent"]} · ${(mailStats.failed!0)?c} ${t["admin.mail.failed"]}</p>
<#else>
<p>${t["admin.unavailable"]}</p>
</#if>
<#if superuser>
<h2>${t["admin.overview.harvest"]}</h2>
<#if !harvestKnown><p>${t["admin.unavailable"]}</p>
<#elseif sources?size == 0><p>${t["admin.harvest.none"]}</p>
<#else>
<table class="list">
  <thead><tr><th>${t["admin.column.source"]}</th><th>${t["admin.column.kind"]}</th><th>${t["admin.column.schedule"]}</th><th>${t["admin.column.status"]}</th><th>${t["admin.column.last"]}</th><th>${t["admin.column.error"]}</th></tr></thead>
  <tbody>
  <#list sources as s>
    <tr<#if s.unhealthy> class="problem"</#if>><td>${s.name}</td><td>${s.kind}</td><td>${s.schedule}</td><td>${s.lastStatus}</td><td>${s.lastRunAt}</td><td>${s.lastError}</td></tr>
  </#list>
  </tbody>
</table>
</#if>
</#if>
</@admin.page>
