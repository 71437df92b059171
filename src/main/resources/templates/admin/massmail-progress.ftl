<#import "layout.ftl" as admin>
<@admin.page title=t["admin.mail.title"]>
<h1>${t["admin.mail.title"]}: ${mail.subject}</h1>
<p>${t["admin.mail.queued-at"]} ${mail.queuedAt}</p>
<table class="list" id="progress" data-url="/admin/mail/${mail.id?c}/progress" aria-live="polite">
  <tr><th>${t["admin.mail.pending"]}</th><td id="mm-queued">${progress.queued?c}</td></tr>
  <tr><th>${t["admin.mail.sent"]}</th><td id="mm-sent">${progress.sent?c}</td></tr>
  <tr><th>${t["admin.mail.failed"]}</th><td id="mm-failed">${progress.failed?c}</td></tr>
</table>
<h2>${t["admin.mail.failures"]}</h2>
<table class="list" id="failures">
  <thead><tr><th>${t["admin.column.mail"]}</th><th>${t["admin.column.state"]}</th><th>${t["admin.mail.error"]}</th></tr></thead>
  <tbody>
  <#list failures as f><tr><td>${f.recipient}</td><td>${f.state}</td><td>${f.error}</td></tr></#list>
  </tbody>
</table>
<script src="/static/mass-mail.js"></script>
</@admin.page>
