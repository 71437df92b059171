<#import "layout.ftl" as layout>
<@layout.page title=t["status.title"]>
<h1>${t["status.title"]}</h1>
<#if isNew><p class="notice" role="status">${t["status.new"]}</p></#if>
<p class="state state-${state}" id="state">${stateText}</p>
<dl>
  <dt>${t["status.course"]}</dt><dd>${course.name} (${languageName})</dd>
  <dt>${t["status.fee"]}</dt><dd>${fee}<#if discountPending> <span id="discount-pending">(${t["signup.origin.pending"]})</span></#if></dd>
</dl>
<p class="meta">${t["status.keep-link"]}</p>
<#if state == "offered">
  <p>${offerLine}</p>
  <form method="post" action="/status/${secret}/accept" id="offer"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><button type="submit">${t["status.accept"]}</button></form>
  <form method="post" action="/status/${secret}/decline"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><button type="submit">${t["status.decline"]}</button></form>
</#if>
<#if canSignOff>
  <section id="signoff">
    <#if signOffLine?has_content><p>${signOffLine}</p></#if>
    <p>${t["status.signoff.confirm"]}</p>
    <form method="post" action="/status/${secret}/signoff"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><button type="submit" id="signoff-button">${t["status.signoff"]}</button></form>
  </section>
</#if>
</@layout.page>
