<#import "layout.ftl" as admin>
<#assign name = (lang == "en")?then(language.nameEn, language.nameDe)>
<@admin.page title=name>
<h1>${name}</h1>
<#include "language-form.ftl">
<#include "course-form.ftl">
<@languageForm action="/admin/languages/" + language.id?c l=language submit=t["admin.save"]/>
<h2>${t["admin.language.courses"]}</h2>
<table class="list" id="courses">
  <thead><tr><th>${t["admin.column.course"]}</th><th>${t["admin.column.seats"]}</th><th>${t["admin.column.confirmed"]}</th><th>${t["admin.column.waiting"]}</th><th></th></tr></thead>
  <tbody>
  <#list courses as c>
    <tr id="course-${c.id?c}"><td><a href="/admin/courses/${c.id?c}">${c.level} ${c.alternative}</a><#if c.closed> <span class="course-closed">(${t["admin.desk.closed"]})</span></#if></td><td>${c.seats?c}</td><td>${c.confirmed?c}</td><td>${c.waiting?c}</td>
      <td><a href="/admin/courses/${c.id?c}/settings">${t["admin.course.settings"]}</a></td></tr>
  </#list>
  </tbody>
</table>
<h2>${t["admin.language.new-course"]}</h2>
<@courseForm action="/admin/courses" c={} submit=t["admin.create"] languageId=language.id?c/>
<h2>${t["admin.lottery.title"]}</h2>
<#if language.lotteryDrawnAt?has_content><p id="drawn">${t["admin.lottery.drawn"]} ${language.lotteryDrawnAt}</p></#if>
<form method="post" action="/admin/languages/${language.id?c}/draw" class="inline">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="dryRun" value="true">
  <button type="submit" id="dry-run">${t["admin.lottery.dry-run"]}</button>
</form>
<form method="post" action="/admin/languages/${language.id?c}/draw" class="inline">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="dryRun" value="false">
  <label for="seed">${t["admin.lottery.seed"]}</label><input id="seed" name="seed" size="20" inputmode="numeric">
  <button type="submit" id="draw">${t["admin.lottery.draw"]}</button>
</form>
<#if draw?has_content && draw.detail?? && draw.detail.draws??>
<section id="draw-result">
<#list draw.detail.draws as d>
  <h3><#if d.dryRun?? && d.dryRun?is_boolean && d.dryRun>${t["admin.lottery.result-dry"]}<#else>${t["admin.lottery.result"]}</#if></h3>
  <p>${t["admin.lottery.seed"]}: <span id="draw-seed">${d.seed?is_number?then(d.seed?c, "")}</span> · ${t["admin.lottery.pool"]}: ${(d.pool!0)?c} · ${t["admin.column.confirmed"]}: ${(d.confirmed!0)?c} · ${t["admin.column.waiting"]}: ${(d.waiting!0)?c} · ${t["admin.lottery.lost"]}: ${(d.lost!0)?c}</p>
  <#if d.courses?? && d.courses?is_sequence>
  <table class="list"><thead><tr><th>${t["admin.column.course"]}</th><th>${t["admin.column.confirmed"]}</th><th>${t["admin.column.waiting"]}</th><th>${t["admin.lottery.lost"]}</th></tr></thead><tbody>
  <#list d.courses as c><tr><td>${c.courseId?is_number?then(c.courseId?c, "")}</td><td>${(c.confirmed!0)?c}</td><td>${(c.waiting!0)?c}</td><td>${(c.lost!0)?c}</td></tr></#list>
  </tbody></table>
  </#if>
</#list>
</section>
</#if>
</@admin.page>
