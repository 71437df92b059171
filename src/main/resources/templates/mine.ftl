<#import "layout.ftl" as layout>
<@layout.page title=t["mine.title"]>
<h1>${t["mine.title"]}</h1>
<#if sent><p class="notice" role="status" id="mine-sent">${t["mine.sent"]}</p></#if>
<p>${t["mine.intro"]}</p>
<form method="post" action="/signup/mine" novalidate>
  <input type="hidden" name="formToken" value="${formToken}">
  <label for="mail">${t["signup.mail"]} <span class="required">(${t["form.required"]})</span></label>
  <input id="mail" name="mail" type="email" autocomplete="email" required aria-required="true" value="${mail}"<#if error?has_content> aria-invalid="true" aria-describedby="mail-error"</#if>>
  <#if error?has_content><p class="field-error" id="mail-error" role="alert">${error}</p></#if>
  <p><button type="submit" id="mine-submit">${t["mine.submit"]}</button></p>
</form>
</@layout.page>
