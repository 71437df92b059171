<#import "layout.ftl" as admin>
<@admin.page title=t["admin.me.title"]>
<h1>${t["admin.me.title"]}</h1>
<h2>${t["admin.me.tokens"]}</h2>
<#if issued?has_content>
<p class="notice" role="status">${t["admin.me.shown-once"]}</p>
<p><code id="new-token">${issued.token}</code></p>
</#if>
<form method="post" action="/admin/me/api-tokens" class="inline" id="api-token-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <label for="token-name">${t["admin.me.token-name"]}</label><input id="token-name" name="name" maxlength="80" required>
  <button type="submit" id="issue-api-token">${t["admin.me.issue"]}</button>
</form>
<table class="list" id="api-tokens"><thead><tr><th>#</th><th>${t["admin.me.token-name"]}</th><th>${t["admin.column.created"]}</th><th>${t["admin.me.last-used"]}</th><th></th></tr></thead><tbody>
<#list apiTokens as k><tr id="api-token-${k.id?c}"><td>${k.id?c}</td><td>${k.name}</td><td>${k.createdAt?replace("T", " ")?keep_before(".")}</td><td>${k.lastUsedAt?replace("T", " ")?keep_before(".")}</td>
  <td><#if k.revokedAt?has_content>${t["admin.tokens.revoked"]}<#else><form method="post" action="/admin/me/api-tokens/${k.id?c}/revoke" class="inline"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><button type="submit" id="revoke-api-token-${k.id?c}">${t["admin.tokens.revoke"]}</button></form></#if></td></tr></#list>
</tbody></table>
</@admin.page>
