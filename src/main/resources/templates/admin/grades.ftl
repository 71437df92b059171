<#import "layout.ftl" as admin>
<@admin.page title=t["grades.title"] + ": " + course.language + " " + course.name>
<h1>${t["grades.title"]}: ${course.language} ${course.name}</h1>
<p><a href="/admin/courses/${course.id?c}">${t["grades.back"]}</a></p>
<#if error?has_content><p class="problem" role="alert" id="form-error">${error}</p></#if>
<#if changesJson?has_content>
<h2>${t["grades.preview"]}</h2>
<#if changes?size == 0><p id="no-changes">${t["grades.no-changes"]}</p><#else>
<table class="list" id="changes">
  <thead><tr><th>${t["doc.column.name"]}</th><th>${t["doc.column.mail"]}</th><th>${t["grades.before"]}</th><th>${t["grades.after"]}</th></tr></thead>
  <tbody><#list changes as c><tr><td>${c.name}</td><td>${c.mail}</td><td>${c.before}</td><td>${c.after}</td></tr></#list></tbody>
</table>
</#if>
<form method="post" action="/admin/courses/${course.id?c}/grades/apply">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <input type="hidden" name="changes" value="${changesJson}">
  <button type="submit" id="apply">${t["grades.apply"]}</button>
</form>
</#if>
<form method="post" action="/admin/courses/${course.id?c}/grades" id="grades-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <table class="list" id="grades">
    <thead><tr><th>${t["doc.column.name"]}</th><th>${t["grades.percent"]}</th><th>${t["grades.points"]}</th><th>${t["grades.max"]}</th><th>${t["grades.result"]}</th></tr></thead>
    <tbody>
    <#list rows as r>
      <tr id="grade-${r.id?c}">
        <td>${r.name}</td>
        <td><label class="visually-hidden" for="g-${r.id?c}">${t["grades.percent"]}</label><input id="g-${r.id?c}" name="g-${r.id?c}" value="${r.grade}" size="4" inputmode="numeric"></td>
        <td><label class="visually-hidden" for="p-${r.id?c}">${t["grades.points"]}</label><input id="p-${r.id?c}" name="p-${r.id?c}" value="${r.points}" size="6" inputmode="decimal"></td>
        <td><label class="visually-hidden" for="m-${r.id?c}">${t["grades.max"]}</label><input id="m-${r.id?c}" name="m-${r.id?c}" value="${r.max}" size="6" inputmode="decimal"></td>
        <td><label class="visually-hidden" for="r-${r.id?c}">${t["grades.result"]}</label><select id="r-${r.id?c}" name="r-${r.id?c}">
          <option value=""></option>
          <#list ["passed", "failed", "attended"] as v><option value="${v}"<#if r.result == v> selected</#if>>${t["doc.result." + v]}</option></#list>
        </select></td>
      </tr>
    </#list>
    </tbody>
  </table>
  <p><button type="submit" id="save-grades">${t["grades.save"]}</button></p>
</form>
<#if canManage>
<h2>${t["grades.import"]}</h2>
<p>${t["grades.import-intro"]}</p>
<form method="post" action="/admin/courses/${course.id?c}/grades/import" enctype="multipart/form-data">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <input type="file" name="file" accept=".csv,.xlsx" required>
  <button type="submit" id="import">${t["grades.import-preview"]}</button>
</form>
</#if>
</@admin.page>
