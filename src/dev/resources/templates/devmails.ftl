<#import "layout.ftl" as layout>
<@layout.page title=t["devmails.title"]>
<h1>${t["devmails.title"]}</h1>
<#if mails?size == 0><p>${t["devmails.empty"]}</p></#if>
<#list mails as m>
<article class="mail">
  <h2>${m.subject}</h2>
  <p class="meta">${m.from} → ${m.to} · ${m.sent} · ${m.messageId}</p>
  <pre>${m.text}</pre>
  <#if m.hasHtml><p><a href="/dev/mails/${m.index?c}/html">${t["devmails.html"]}</a></p></#if>
</article>
</#list>
</@layout.page>
