<#import "layout.ftl" as layout>
<#macro label name required>
  <label for="${name}">${t["signup." + name]}<#if required> <span class="required">(${t["form.required"]})</span></#if></label>
</#macro>
<#macro field name type="text" autocomplete="" required=true>
  <@label name=name required=required/>
  <input id="${name}" name="${name}" type="${type}" value="${values[name]!""}"<#if locked[name]??> readonly aria-readonly="true"</#if><#if autocomplete?has_content> autocomplete="${autocomplete}"</#if><#if required> required aria-required="true"</#if><#if errors[name]??> aria-invalid="true" aria-describedby="${name}-error"</#if>>
  <#if errors[name]??><p class="field-error" id="${name}-error">${errors[name]}</p></#if>
</#macro>
<#macro choice name items required=true origin=false>
  <@label name=name required=required/>
  <select id="${name}" name="${name}"<#if required> required aria-required="true"</#if><#if errors[name]??> aria-invalid="true" aria-describedby="${name}-error"<#elseif origin> aria-describedby="fee"</#if>>
    <option value="">${t["signup.choose"]}</option>
    <#list items as i><option value="${i.id?c}"<#if origin> data-fee="${i.feeText}" data-tag="${(i.internal || i.validatesRegistration)?c}" data-degree="${i.requiresDegree?c}"</#if><#if (values[name]!"") == i.id?c> selected</#if>>${i.label}</option></#list>
  </select>
  <#if errors[name]??><p class="field-error" id="${name}-error">${errors[name]}</p></#if>
</#macro>
<@layout.page title=title>
<h1>${intro}</h1>
<p>${course.scheduleText} · ${course.freeText} ${t["catalogue.free"]} · ${course.statusText}<#if course.countsText?has_content> · ${course.countsText}</#if></p>
<#if errorList?size gt 0>
<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${t["form.errors.title"]}</h2>
  <ul>
  <#list errorList as e><li><a href="#${e.field}">${e.label}: ${e.text}</a></li></#list>
  </ul>
</div>
</#if>
<#if errors["_form"]??><p class="problem" role="alert" id="form-error">${errors["_form"]}</p></#if>
<#if expired><p class="notice" role="alert" id="form-expired">${t["form.expired"]}</p></#if>
<div class="phase-box" id="phase" data-language="${languageId?c}" data-open="${open?c}" data-opens-at="${opensAt}" data-server-now="${serverNow}" data-countdown="${t["phase.countdown"]}" data-opening="${t["phase.opening"]}">
  <p class="phase phase-${phase}" id="phase-text">${phaseText}</p>
  <#if !open && opensAt?has_content><p class="countdown" id="countdown" aria-live="off" hidden></p></#if>
</div>
<#if placementText?has_content>
<section class="notice placement" id="placement"<#if placementRefused> role="alert"</#if>>
  <p>${placementText}</p>
  <#if placementUrl?has_content><p><a href="${placementUrl}" id="placement-link" rel="noopener">${t["signup.placement.take"]}</a> ${t["signup.placement.then"]}</p><#else><p>${t["signup.placement.ask"]}</p></#if>
</section>
</#if>
<#if loggedInAs?has_content>
<section class="login" id="login-state">
  <p>${t["auth.logged-in-as"]} <strong id="logged-in-as">${loggedInAs}</strong></p>
  <p class="meta">${t["auth.prefilled"]}</p>
  <form method="post" action="/auth/logout"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="return" value="${returnPath}"><button type="submit" id="logout" class="secondary">${t["auth.logout"]}</button></form>
</section>
<#elseif loginEnabled>
<section class="login" id="login-offer">
  <p><a class="button" id="login" href="/auth/login?return=${returnPath?url('UTF-8')}">${t["auth.login"]}</a></p>
  <p class="meta">${t["auth.login.hint"]}</p>
</section>
</#if>
<form method="post" action="/signup/${course.id?c}" novalidate id="signup-form">
  <input type="hidden" name="formToken" value="${formToken}">
  <p class="meta">${t["form.required.hint"]}</p>
  <@field name="firstName" autocomplete="given-name"/>
  <@field name="lastName" autocomplete="family-name"/>
  <@field name="mail" type="email" autocomplete="email"/>
  <@field name="mailRepeat" type="email" autocomplete="email"/>
  <@choice name="originId" items=origins origin=true/>
  <div class="group" id="tag-group"<#if !showTag> hidden</#if>>
    <@field name="tag" required=false/>
    <p class="meta">${t["signup.tag.hint"]}</p>
  </div>
  <div class="group" id="degree-group"<#if !showDegree> hidden</#if>>
    <@choice name="degreeId" items=degrees required=false/>
    <@field name="semester" type="number" required=false/>
    <@choice name="graduationId" items=graduations required=false/>
  </div>
  <@field name="pretermToken" required=false/>
  <p class="fee" id="fee" aria-live="polite" data-default="${courseFeeText}">${feeText}</p>
  <p><button type="submit" id="submit">${course.actionText} (${t["signup.binding"]})</button></p>
  <p class="meta" id="submit-waits" hidden>${t["signup.submit.waits"]}</p>
</form>
<script src="/static/live-seats.js" defer></script>
<script src="/static/signup-form.js" defer></script>
</@layout.page>
