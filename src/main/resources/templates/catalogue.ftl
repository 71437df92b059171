<#import "layout.ftl" as layout>
<@layout.page title=t["catalogue.title"]>
<h1>${t["catalogue.title"]}</h1>
<#if languages?size == 0>
  <p>${t["catalogue.empty"]}</p>
</#if>
<#list languages as l>
<section class="language" id="language-${l.id?c}" aria-labelledby="language-${l.id?c}-title">
  <h2 id="language-${l.id?c}-title">${l.title}</h2>
  <div class="phase-box" data-language="${l.id?c}" data-open="${l.open?c}" data-opens-at="${l.opensAt}" data-server-now="${serverNow}" data-countdown="${t["phase.countdown"]}" data-opening="${t["phase.opening"]}">
    <p class="phase phase-${l.phase}">${l.phaseText}</p>
    <#if !l.open && l.opensAt?has_content><p class="countdown" aria-live="off" hidden></p></#if>
  </div>
  <#if l.courses?size gt 0>
  <table class="courses" data-text-seat="${t["catalogue.action.seat"]}" data-text-waiting-list="${t["catalogue.action.waiting-list"]}">
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
      <tr id="course-${c.id?c}" data-course="${c.id?c}" data-language="${l.id?c}">
        <td data-label="${t["catalogue.course"]}">${c.name}<#if c.ratingGated> <small>(${t["catalogue.rating-gated"]})</small></#if></td>
        <td data-label="${t["catalogue.ger"]}">${c.ger!""}</td>
        <td data-label="${t["catalogue.schedule"]}">${c.scheduleText}</td>
        <td data-label="${t["catalogue.free"]}" class="free">${c.freeText}</td>
        <td data-label="${t["catalogue.status"]}"><span class="status status-${c.status}">${c.statusText}</span><#if c.countsText?has_content> <small class="counts">${c.countsText}</small></#if></td>
        <td data-label="${t["catalogue.price"]}">${c.price}</td>
        <td><a class="button" href="/signup/${c.id?c}" data-kind="${c.actionKind}"<#if !l.open || !c.bookable> hidden</#if>>${c.actionText}</a></td>
      </tr>
    </#list>
    </tbody>
  </table>
  </#if>
</section>
</#list>
<script src="/static/live-seats.js" defer></script>
</@layout.page>
