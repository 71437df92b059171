<#import "layout.ftl" as layout>
<@layout.page title=t["status.title"]>
<h1>${t["status.title"]}</h1>
<#if isNew><p class="notice" role="status">${t["status.new"]}</p></#if>
<#if done><p class="notice" role="status" id="signoff-done">${t["status.signoff.done"]}</p></#if>
<#if notice?has_content><p class="notice" role="alert">${notice}</p></#if>
<p class="state state-${state}" id="state">${stateText}</p>
<#if offerLine?has_content && state == "offered"><p id="offer-deadline">${offerLine}</p></#if>
<dl>
  <dt>${t["status.course"]}</dt><dd>${course.name} (${languageName})</dd>
  <#if course.scheduleText?? && course.scheduleText?has_content><dt>${t["catalogue.schedule"]}</dt><dd>${course.scheduleText}</dd></#if>
  <dt>${t["status.fee"]}</dt><dd>${fee}<#if discountPending> <span id="discount-pending">(${t["signup.origin.pending"]})</span></#if></dd>
</dl>
<p class="meta">${t["status.keep-link"]}</p>
<#if state == "offered">
  <form method="post" action="/status/${secret}/accept" id="offer"><input type="hidden" name="formToken" value="${acceptToken}"><button type="submit" id="accept">${t["status.accept"]}</button></form>
  <form method="post" action="/status/${secret}/decline"><input type="hidden" name="formToken" value="${declineToken}"><button type="submit" class="secondary" id="decline">${t["status.decline"]}</button></form>
</#if>
<#if canSignOff>
  <section id="signoff" aria-labelledby="signoff-title">
    <h2 id="signoff-title">${t["status.signoff.title"]}</h2>
    <#if signOffLine?has_content><p>${signOffLine}</p></#if>
    <p><a class="button secondary" id="signoff-button" href="/status/${secret}/signoff">${t["status.signoff.start"]}</a></p>
  </section>
</#if>
</@layout.page>
