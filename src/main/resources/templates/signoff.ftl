<#import "layout.ftl" as layout>
<@layout.page title=t["status.signoff.title"]>
<h1>${t["status.signoff.title"]}</h1>
<#if notice?has_content><p class="notice" role="alert">${notice}</p></#if>
<p>${course.name} (${languageName})</p>
<#if canSignOff>
  <p id="signoff-what">${signoffWhat}</p>
  <form method="post" action="/status/${secret}/signoff">
    <input type="hidden" name="formToken" value="${signoffToken}">
    <p><button type="submit" class="danger" id="signoff-confirm">${t["status.signoff.confirm-button"]}</button></p>
  </form>
<#else>
  <p class="state state-${state}" id="state">${stateText}</p>
</#if>
<p><a href="/status/${secret}" id="signoff-cancel">${t["status.signoff.keep"]}</a></p>
</@layout.page>
