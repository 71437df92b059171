<#import "layout.ftl" as admin>
<@admin.page title=t["admin.tokens.title"]>
<h1>${t["admin.tokens.title"]}</h1>
<h2>${t["admin.tokens.issue"]}</h2>
<form method="post" action="/admin/tokens" class="stacked" id="token-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <label for="token-mail">${t["admin.tokens.mail"]}</label><input id="token-mail" name="mail" type="email" maxlength="254" required>
  <label for="token-language">${t["admin.tokens.language"]}</label>
  <select id="token-language" name="languageId"><option value="">${t["admin.tokens.any-language"]}</option><#list languages as l><option value="${l.id?c}">${(lang == "en")?then(l.nameEn, l.nameDe)}</option></#list></select>
  <label for="token-expires">${t["admin.tokens.expires"]}</label><input id="token-expires" name="expiresAt" type="datetime-local" value="${defaultExpiry}" required>
  <p><button type="submit" id="issue-token">${t["admin.tokens.issue"]}</button></p>
</form>
<table class="list" id="tokens">
  <thead><tr><th>#</th><th>${t["admin.tokens.mail"]}</th><th>${t["admin.tokens.language"]}</th><th>${t["admin.tokens.expires"]}</th><th>${t["admin.tokens.used"]}</th><th>${t["admin.audit.actor"]}</th><th></th></tr></thead>
  <tbody>
  <#list tokens as k>
    <tr id="token-${k.id?c}"><td>${k.id?c}</td><td>${k.mail}</td><td>${(lang == "en")?then(k.languageEn, k.languageDe)}</td><td>${k.expiresAt?replace("T", " ")?keep_before(".")}</td>
      <td><#if k.usedAt?has_content>${k.usedAt?replace("T", " ")?keep_before(".")} ${k.usedByName}</#if></td><td>${k.issuedBy}</td>
      <td><#if k.revokedAt?has_content>${t["admin.tokens.revoked"]}<#elseif !k.usedAt?has_content>
        <form method="post" action="/admin/tokens/${k.id?c}/revoke" class="inline"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><button type="submit" id="revoke-token-${k.id?c}">${t["admin.tokens.revoke"]}</button></form></#if></td></tr>
  </#list>
  </tbody>
</table>
</@admin.page>
