<#import "layout.ftl" as admin>
<@admin.page title=t["export.job.title"]>
<h1>${t["export.job.title"]} ${job.id?c} (${job.format})</h1>
<p>${t["export.job.scope." + job.scope]} · ${t["export.job.created"]} ${job.createdAt}</p>
<div id="export-job" data-url="/api/admin/exports/${job.id?c}" data-state="${job.state}">
  <p><label for="job-progress">${t["export.job.progress"]}</label>
    <progress id="job-progress" max="100" value="${job.progress?c}">${job.progress?c} %</progress>
    <span id="job-percent">${job.progress?c} %</span></p>
  <p aria-live="polite">${t["export.job.state"]}: <strong id="job-state">${t["export.job.state." + job.state]}</strong>
    · ${t["export.job.rows"]}: <span id="job-rows">${job.rows?c}</span></p>
  <p id="job-error"<#if job.error == ""> hidden</#if>>${job.error}</p>
  <p id="job-download"<#if !job.downloadable> hidden</#if>><a href="/admin/exports/${job.id?c}/file" id="job-file">${t["export.job.download"]}</a>
    <#if job.expiresAt != "">(${t["export.job.expires"]} ${job.expiresAt})</#if></p>
  <p id="job-gone"<#if !job.gone> hidden</#if>>${t["export.job.gone"]}</p>
</div>
<p><a href="/admin/exports">${t["export.title"]}</a></p>
<span hidden id="job-labels"<#list ["queued", "running", "done", "failed"] as s> data-${s}="${t["export.job.state." + s]}"</#list>></span>
<script src="/static/export-job.js"></script>
</@admin.page>
