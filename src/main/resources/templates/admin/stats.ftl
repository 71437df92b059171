<#import "layout.ftl" as admin>
<#macro bars id title svg rows>
<section id="${id}">
<h2>${title}</h2>
<figure>${svg?no_esc}</figure>
<table class="list"><thead><tr><th>${t["stats.label"]}</th><th>${t["stats.count"]}</th></tr></thead>
<tbody><#list rows as b><tr><td>${b.label()}</td><td>${b.value()?c}</td></tr></#list></tbody></table>
</section>
</#macro>
<@admin.page title=t["stats.title"]>
<h1>${t["stats.title"]}</h1>
<p><a id="stats-csv" href="/admin/stats.csv">CSV</a></p>
<section id="seats">
<h2>${t["stats.seats"]}</h2>
<figure>${seatsSvg?no_esc}</figure>
<table class="list" id="seats-table">
  <thead><tr><th>${t["export.column.course"]}</th><th>${t["admin.column.seats"]}</th><th>${t["stats.taken"]}</th><th>${t["stats.free"]}</th><th>${t["stats.waiting"]}</th><th>${t["stats.pool"]}</th></tr></thead>
  <tbody><#list courses as c><tr><td>${c.language()} ${c.course()}</td><td>${c.seats()?c}</td><td>${c.confirmed()?c}</td><td>${c.free()?c}</td><td>${c.waiting()?c}</td><td>${c.pool()?c}</td></tr></#list></tbody>
</table>
</section>
<@bars id="per-minute" title=t["stats.per-minute"] svg=minuteSvg rows=perMinute/>
<@bars id="by-origin" title=t["stats.origin"] svg=originSvg rows=byOrigin/>
<@bars id="by-degree" title=t["stats.degree"] svg=degreeSvg rows=byDegree/>
<@bars id="by-semester" title=t["stats.semester"] svg=semesterSvg rows=bySemester/>
<section id="payments">
<h2>${t["stats.payments"]}</h2>
<p>${t["stats.payments-text"]?replace("{0}", payments?c)?replace("{1}", received)?replace("{2}", open)?replace("{3}", unpaid?c)}</p>
</section>
<section id="mail">
<h2>${t["stats.mail"]}</h2>
<table class="list"><tbody><#list mail as b><tr><td>${b.label()}</td><td>${b.value()?c}</td></tr></#list></tbody></table>
</section>
<section id="harvest-runs">
<h2>${t["stats.harvest"]}</h2>
<table class="list"><tbody><#list harvest as h><tr><#list h as cell><td>${cell}</td></#list></tr></#list></tbody></table>
</section>
</@admin.page>
