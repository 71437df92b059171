<#import "layout.ftl" as layout>
<#macro field name type="text" autocomplete="" required=true>
  <label for="${name}">${t["signup." + name]}</label>
  <input id="${name}" name="${name}" type="${type}" value="${values[name]!""}"<#if locked[name]??> readonly aria-readonly="true"</#if><#if autocomplete?has_content> autocomplete="${autocomplete}"</#if><#if required> required</#if><#if errors[name]??> aria-invalid="true" aria-describedby="${name}-error"</#if>>
  <#if errors[name]??><p class="field-error" id="${name}-error">${errors[name]}</p></#if>
</#macro>
<#macro choice name items required=true>
  <label for="${name}">${t["signup." + name]}</label>
  <select id="${name}" name="${name}"<#if required> required</#if><#if errors[name]??> aria-invalid="true" aria-describedby="${name}-error"</#if>>
    <option value="">${t["signup.choose"]}</option>
    <#list items as i><option value="${i.id?c}"<#if (values[name]!"") == i.id?c> selected</#if>>${i.label}</option></#list>
  </select>
  <#if errors[name]??><p class="field-error" id="${name}-error">${errors[name]}</p></#if>
</#macro>
<@layout.page title=t["signup.title"]>
<h1>${intro}</h1>
<p>${course.schedule} · ${course.free?c} / ${course.seats?c} ${t["catalogue.free"]} · ${t["status." + course.status]}</p>
<#if errors["_form"]??><p class="problem" role="alert" id="form-error">${errors["_form"]}</p></#if>
<#if errorSummary?has_content && !errors["_form"]??><p class="problem" role="alert">${errorSummary}</p></#if>
<#if loggedInAs?has_content>
<section class="login" id="login-state">
  <p>${t["auth.logged-in-as"]} <strong id="logged-in-as">${loggedInAs}</strong></p>
  <p class="meta">${t["auth.prefilled"]}</p>
  <form method="post" action="/auth/logout"><input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="return" value="${returnPath}"><button type="submit" id="logout">${t["auth.logout"]}</button></form>
</section>
<#elseif loginEnabled>
<section class="login" id="login-offer">
  <p><a class="button" id="login" href="/auth/login?return=${returnPath?url('UTF-8')}">${t["auth.login"]}</a></p>
  <p class="meta">${t["auth.login.hint"]}</p>
</section>
</#if>
<form method="post" action="/signup/${course.id?c}" novalidate>
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <@field name="firstName" autocomplete="given-name"/>
  <@field name="lastName" autocomplete="family-name"/>
  <@field name="mail" type="email" autocomplete="email"/>
  <@field name="mailRepeat" type="email" autocomplete="email"/>
  <@choice name="originId" items=origins/>
  <@field name="tag" required=false/>
  <p class="meta">${t["signup.tag.hint"]}</p>
  <@choice name="degreeId" items=degrees required=false/>
  <@field name="semester" type="number" required=false/>
  <@choice name="graduationId" items=graduations required=false/>
  <@field name="pretermToken" required=false/>
  <p><button type="submit" id="submit">${t["signup.submit"]}</button></p>
</form>
</@layout.page>
