<#-- staff area part 2 on the course page: documents (and, for course admins, certificates and exports) -->
<section id="documents">
<h2>${t["admin.doc.title"]}</h2>
<p><a id="grades-link" href="/admin/courses/${course.id?c}/grades">${t["grades.title"]}</a> · <a id="doc-list" href="/admin/courses/${course.id?c}/list.pdf">${t["admin.doc.list"]}</a>
<#if canManage> · <a id="doc-certificates" href="/admin/courses/${course.id?c}/certificates.pdf">${t["admin.doc.certificates"]}</a></#if></p>
<form method="get" action="/admin/courses/${course.id?c}/presence.pdf" class="inline">
  <label>${t["admin.doc.from"]} <input type="date" name="from"></label>
  <label>${t["admin.doc.to"]} <input type="date" name="to"></label>
  <fieldset class="inline"><legend>${t["admin.doc.weekdays"]}</legend>
  <#list 1..7 as d><label><input type="checkbox" name="weekday" value="${d}"> ${d}</label> </#list>
  </fieldset>
  <button type="submit" id="doc-presence">${t["admin.doc.presence"]}</button>
</form>
<#-- the lists of every course of this language this person may read, as one zip, made in the background -->
<form method="post" action="/admin/exports/jobs" class="inline" id="doc-zip-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <input type="hidden" name="scope" value="language"><input type="hidden" name="languageId" value="${course.languageId?c}">
  <input type="hidden" name="format" value="zip">
  <button type="submit" id="doc-zip">${t["admin.doc.zip"]}</button>
</form>
</section>
