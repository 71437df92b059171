<#-- /admin/semester: the semesters, the chosen one with its actions (copy, close), a new semester -->
<section id="semesters">
<h2>${t["semesters.title"]}</h2>
<table class="list" id="semester-list">
  <thead><tr><th>${t["semesters.name"]}</th><th>${t["semesters.starts-on"]}</th><th>${t["semesters.ends-on"]}</th><th>${t["semesters.state"]}</th><th>${t["admin.language.courses"]}</th><th></th></tr></thead>
  <tbody>
  <#list semesters as s>
    <tr id="semester-${s.id?c}"<#if (semester.id!0) == s.id> class="chosen"</#if>>
      <td><a href="/admin/semester?semester=${s.id?c}"<#if (semester.id!0) == s.id> aria-current="page"</#if>>${s.name}</a><#if s.current> (${t["semesters.current"]})</#if></td>
      <td>${s.startsOn}</td><td>${s.endsOn}</td><td>${t["semesters.state." + s.state]}</td><td>${s.languages?c} / ${s.courses?c}</td>
      <td><a href="/admin/semesters/${s.id?c}/close">${t["semesters.close.link"]}</a></td></tr>
  </#list>
  </tbody>
</table>
<#if semester.id??>
<p id="chosen-semester">${t["semesters.showing"]?replace("{0}", semester.name)}<#if semester.state == "archived"> <strong id="archived-note">${t["semesters.archived-readonly"]}</strong></#if></p>
<details id="copy-semester"><summary>${t["semesters.copy.title"]?replace("{0}", semester.name)}</summary>
<form method="post" action="/admin/semesters/${semester.id?c}/copy" class="stacked" id="copy-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <label for="copy-name">${t["semesters.name"]}</label><input id="copy-name" name="name" maxlength="120" required>
  <label for="copy-starts">${t["semesters.starts-on"]}</label><input id="copy-starts" name="startsOn" type="date" required>
  <label for="copy-shift">${t["semesters.shift-days"]}</label><input id="copy-shift" name="shiftDays" type="number" min="-3650" max="3650">
  <p class="hint">${t["semesters.shift-hint"]}</p>
  <p><button type="submit" id="copy-semester-button">${t["semesters.copy.submit"]}</button></p>
</form>
</details>
</#if>
<details id="new-semester"><summary>${t["semesters.new"]}</summary>
<form method="post" action="/admin/semesters" class="stacked" id="semester-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <label for="semester-name">${t["semesters.name"]}</label><input id="semester-name" name="name" maxlength="120" required>
  <label for="semester-starts">${t["semesters.starts-on"]}</label><input id="semester-starts" name="startsOn" type="date" required>
  <label for="semester-ends">${t["semesters.ends-on"]}</label><input id="semester-ends" name="endsOn" type="date" required>
  <p><button type="submit" id="create-semester">${t["admin.create"]}</button></p>
</form>
</details>
</section>
