<#import "layout.ftl" as admin>
<@admin.page title=t["admin.harvest.title"]>
<h1>${t["admin.harvest.title"]}</h1>
<h2>${t["admin.harvest.sources"]}</h2>
<#if !harvestKnown><p>${t["admin.unavailable"]}</p>
<#elseif sources?size == 0><p>${t["admin.harvest.none"]}</p>
<#else>
<table class="list" id="sources">
  <thead><tr><th>${t["admin.column.source"]}</th><th>${t["admin.column.kind"]}</th><th>${t["admin.column.schedule"]}</th><th>${t["admin.column.status"]}</th><th></th></tr></thead>
  <tbody>
  <#list sources as s>
    <tr><td>${s.name}</td><td>${s.kind}</td><td><#if s.fetched>${s.schedule}<#else>${t["admin.harvest.uploads-only"]}</#if></td><td>${s.lastStatus}</td>
      <td><#if s.fetched><form method="post" action="/admin/harvest/run" class="inline"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="source" value="${s.name}"><button type="submit">${t["admin.harvest.run-now"]}</button></form></#if></td></tr>
  </#list>
  </tbody>
</table>
<h2>${t["admin.harvest.upload"]}</h2>
<#-- the token rides in the URL: the server checks it before it reads the (large) body -->
<form method="post" action="/admin/harvest/upload?X-XSRF-TOKEN=${csrf?url("UTF-8")}" enctype="multipart/form-data">
  <label for="source">${t["admin.column.source"]}</label>
  <select id="source" name="source" required><#list sources as s><option value="${s.name}">${s.name}</option></#list></select>
  <label for="file">${t["admin.harvest.file"]}</label>
  <input id="file" name="file" type="file" accept=".csv,.json,.txt,text/csv,application/json" required>
  <p><button type="submit" id="upload">${t["admin.harvest.upload-submit"]}</button></p>
</form>
</#if>
<h2>${t["admin.harvest.history"]}</h2>
<table class="list" id="runs">
  <thead><tr><th>#</th><th>${t["admin.column.source"]}</th><th>${t["admin.column.status"]}</th><th>${t["admin.column.started"]}</th><th>${t["admin.column.finished"]}</th><th>${t["admin.column.read"]}</th><th>${t["admin.column.inserted"]}</th><th>${t["admin.column.updated"]}</th><th>${t["admin.column.removed"]}</th><th>${t["admin.column.error"]}</th></tr></thead>
  <tbody>
  <#list runs as r>
    <tr id="run-${r.id?c}" class="run-${r.status}"><td>${r.id?c}</td><td>${r.source}</td><td>${r.status}</td><td>${r.startedAt}</td><td>${r.finishedAt}</td><td>${r.rowsRead?c}</td><td>${r.inserted?c}</td><td>${r.updated?c}</td><td>${r.removed?c}</td><td>${r.error}</td></tr>
  </#list>
  </tbody>
</table>
</@admin.page>
