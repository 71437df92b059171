<#import "layout.ftl" as admin>
<@admin.page title=t["admin.roles.title"]>
<h1>${t["admin.roles.title"]}</h1>
<table class="list" id="users">
  <thead><tr><th>${t["admin.column.user"]}</th><th>${t["admin.column.roles"]}</th></tr></thead>
  <tbody>
  <#list users as u>
    <tr><td>${u.subject}<#if u.name?has_content> · ${u.name}</#if><#if u.mail?has_content> · ${u.mail}</#if><#if u.superuser> · <strong>${t["admin.roles.superuser"]}</strong></#if></td>
      <td><#list u.roles as r>
        <form method="post" action="/admin/roles/revoke" class="inline">
          <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="userId" value="${u.id?c}">
          <input type="hidden" name="courseId" value="${r.courseId?c}"><input type="hidden" name="role" value="${r.role}">
          ${t["admin.roles." + r.role]} #${r.courseId?c} <button type="submit">${t["admin.roles.revoke"]}</button>
        </form>
      </#list></td></tr>
  </#list>
  </tbody>
</table>
<h2>${t["admin.roles.grant"]}</h2>
<form method="post" action="/admin/roles/grant">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <label for="who">${t["admin.roles.who"]}</label>
  <input id="who" name="who" maxlength="200" required>
  <label for="courseId">${t["admin.roles.course"]}</label>
  <select id="courseId" name="courseId" required>
    <#list languages as l><#list l.courses as c><option value="${c.id?c}">${l.name} ${c.name}</option></#list></#list>
  </select>
  <label for="role">${t["admin.roles.role"]}</label>
  <select id="role" name="role" required>
    <option value="teacher">${t["admin.roles.teacher"]}</option>
    <option value="course_admin">${t["admin.roles.course_admin"]}</option>
  </select>
  <p><button type="submit" id="grant">${t["admin.roles.submit"]}</button></p>
</form>
</@admin.page>
