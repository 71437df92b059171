<#import "layout.ftl" as layout>
<@layout.page title=t["mine.title"]>
<h1>${t["mine.title"]}</h1>
<p>${t["mine.list.for"]} <strong>${mail}</strong></p>
<#if signups?size == 0>
  <p id="mine-empty">${t["mine.list.empty"]}</p>
<#else>
<ul class="mine" id="mine-list">
<#list signups as s>
  <li><strong>${s.course}</strong> · <span class="state-${s.state}">${s.stateText}</span> · ${s.registeredAt}<br>
    <a href="/status/${s.secret}">${t["mine.list.open"]}</a></li>
</#list>
</ul>
</#if>
</@layout.page>
