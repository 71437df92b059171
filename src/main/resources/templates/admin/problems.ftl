<#import "layout.ftl" as admin>
<@admin.page title=t["admin.problems.title"]>
<h1>${t["admin.problems.title"]}</h1>
<h2>${t["admin.problems.failed"]}</h2>
<#if failed?size == 0><p>${t["admin.problems.none"]}</p><#else>
<table class="list" id="failed">
  <thead><tr><th>${t["admin.column.recipient"]}</th><th>${t["admin.column.kind"]}</th><th>${t["admin.column.attempts"]}</th><th>${t["admin.column.error"]}</th><th>${t["admin.column.created"]}</th></tr></thead>
  <tbody>
  <#list failed as f><tr><td>${f.recipient}</td><td>${f.kind} (${f.lane})</td><td>${f.attempts?c}</td><td>${f.lastError}</td><td>${f.createdAt}</td></tr></#list>
  </tbody>
</table>
</#if>
<h2>${t["admin.problems.bouncing"]}</h2>
<#if bouncing?size == 0><p>${t["admin.problems.none"]}</p><#else>
<table class="list" id="bouncing">
  <thead><tr><th>${t["admin.column.name"]}</th><th>${t["admin.column.mail"]}</th><th>${t["admin.column.since"]}</th><th>${t["admin.column.reason"]}</th></tr></thead>
  <tbody>
  <#list bouncing as b><tr><td>${b.name}</td><td>${b.mail}</td><td>${b.since}</td><td>${b.reason}</td></tr></#list>
  </tbody>
</table>
</#if>
</@admin.page>
