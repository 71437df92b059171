<#import "layout.ftl" as layout>
<@layout.page title=t["error.title"]>
<h1>${t["error.title"]}</h1>
<p class="problem" role="alert">${detail}</p>
<p><a href="/">${t["error.back"]}</a></p>
</@layout.page>
