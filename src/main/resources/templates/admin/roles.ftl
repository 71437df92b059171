<#import "layout.ftl" as admin>
<@admin.page title=t["admin.roles.title"]>
<h1>${t["admin.roles.title"]}</h1>
<table class="list" id="users">
  <thead><tr><th>${t["admin.column.user"]}</th><th>${t["admin.roles.superuser"]}</th><th>${t["admin.column.roles"]}</th></tr></thead>
  <tbody>
  <#list users as u>
    <tr id="user-${u.id?c}"><td><#if u.name?has_content>${u.name}<#else>${u.subject}</#if><#if u.mail?has_content> · ${u.mail}<#if !u.mailVerified> (${t["admin.roles.unverified"]})</#if></#if>
        <br><small>${t["admin.roles.subject"]}: ${u.subject}</small></td>
      <td><#if u.superuserFixed><strong class="superuser-fixed">${t["admin.roles.superuser-fixed"]}</strong>
        <#else>
        <form method="post" action="/admin/roles/superuser" class="inline">
          <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="userId" value="${u.id?c}">
          <#if u.superuser>
            <strong>${t["admin.roles.superuser"]}</strong>
            <#if u.id != selfId><input type="hidden" name="grant" value="false"><button type="submit">${t["admin.roles.superuser-revoke"]}</button></#if>
          <#else>
            <input type="hidden" name="grant" value="true"><button type="submit">${t["admin.roles.superuser-grant"]}</button>
          </#if>
        </form>
        </#if></td>
      <td><#list u.roles as r>
        <form method="post" action="/admin/roles/revoke" class="inline">
          <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="userId" value="${u.id?c}">
          <input type="hidden" name="courseId" value="${r.courseId?c}"><input type="hidden" name="role" value="${r.role}">
          ${t["admin.roles." + r.role]}: ${r.course} <button type="submit">${t["admin.roles.revoke"]}</button>
        </form>
      </#list></td></tr>
  </#list>
  </tbody>
</table>
<#if invitations?has_content>
<h2>${t["admin.roles.invitations"]}</h2>
<p>${t["admin.roles.invitations-hint"]}</p>
<table class="list" id="invitations">
  <thead><tr><th>${t["admin.column.mail"]}</th><th>${t["admin.column.roles"]}</th></tr></thead>
  <tbody>
  <#list invitations as i>
    <tr><td>${i.mail}</td><td>
      <form method="post" action="/admin/roles/uninvite" class="inline">
        <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="mail" value="${i.mail}">
        <input type="hidden" name="courseId" value="${i.courseId?c}"><input type="hidden" name="role" value="${i.role}">
        ${t["admin.roles." + i.role]}: ${i.course} <button type="submit">${t["admin.roles.revoke"]}</button>
      </form></td></tr>
  </#list>
  </tbody>
</table>
</#if>
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
