<#import "layout.ftl" as layout>
<@layout.page title=t["catalogue.title"]>
<h1>${t["catalogue.title"]}</h1>
<#if languages?size == 0>
  <p>${t["catalogue.empty"]}</p>
</#if>
<#list languages as l>
<section class="language" id="language-${l.id?c}">
  <h2>${l.title}</h2>
  <p class="phase phase-${l.phase}">${l.phaseText}</p>
  <#if l.courses?size gt 0>
  <table class="courses">
    <thead><tr>
      <th scope="col">${t["catalogue.course"]}</th>
      <th scope="col">${t["catalogue.ger"]}</th>
      <th scope="col">${t["catalogue.schedule"]}</th>
      <th scope="col">${t["catalogue.free"]}</th>
      <th scope="col">${t["catalogue.status"]}</th>
      <th scope="col">${t["catalogue.price"]}</th>
      <th scope="col"><span class="visually-hidden">${t["catalogue.signup"]}</span></th>
    </tr></thead>
    <tbody>
    <#list l.courses as c>
      <tr id="course-${c.id?c}" data-course="${c.id?c}">
        <td data-label="${t["catalogue.course"]}">${c.name}<#if c.ratingGated> <small>(${t["catalogue.rating-gated"]})</small></#if></td>
        <td data-label="${t["catalogue.ger"]}">${c.ger!""}</td>
        <td data-label="${t["catalogue.schedule"]}">${c.schedule}</td>
        <td data-label="${t["catalogue.free"]}" class="free">${c.free?c} / ${c.seats?c}</td>
        <td data-label="${t["catalogue.status"]}"><span class="status status-${c.status}">${c.statusText}</span></td>
        <td data-label="${t["catalogue.price"]}">${c.price}</td>
        <td><#if l.open && c.status != "full"><a class="button" href="/signup/${c.id?c}">${t["catalogue.signup"]}</a></#if></td>
      </tr>
    </#list>
    </tbody>
  </table>
  </#if>
</section>
</#list>
<script src="/static/live-seats.js" defer></script>
</@layout.page>
