<#macro auditTable rows>
<table class="list" id="audit"><thead><tr><th>${t["admin.audit.at"]}</th><th>${t["admin.audit.actor"]}</th><th>${t["admin.audit.action"]}</th><th>${t["admin.audit.entity"]}</th><th>${t["admin.audit.before"]}</th><th>${t["admin.audit.after"]}</th></tr></thead><tbody>
<#list rows as r><tr><td>${r.at?replace("T", " ")?keep_before(".")}</td><td>${r.actor}</td><td>${r.action}</td><td>${r.entity} ${r.entityId?is_number?then(r.entityId?c, "")}</td>
  <td><code>${r.beforeText!""}</code></td><td><code>${r.afterText!""}</code></td></tr></#list>
</tbody></table>
</#macro>
