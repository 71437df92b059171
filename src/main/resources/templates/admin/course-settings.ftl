<#import "layout.ftl" as admin>
<#include "course-form.ftl">
<#include "seat-actions.ftl">
<@admin.page title=course.level + " " + course.alternative>
<h1>${course.level} ${course.alternative}</h1>
<p><a href="/admin/courses/${course.id?c}">${t["admin.course.attendees"]}</a> · ${t["admin.column.confirmed"]}: ${course.confirmed?c} · ${t["admin.column.waiting"]}: ${course.waiting?c}</p>
<@courseForm action="/admin/courses/" + course.id?c + "/settings" c=course submit=t["admin.save"]/>
<#include "course-close.ftl">
<#if superuser>
<form method="post" action="/admin/courses/${course.id?c}/delete" class="inline">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><button type="submit" id="delete-course">${t["admin.course.delete"]}</button>
</form>
</#if>
<h2>${t["admin.course.waiting-list"]}</h2>
<table class="list" id="waiting-list">
  <thead><tr><th>${t["admin.column.position"]}</th><th>${t["admin.column.name"]}</th><th>${t["admin.column.mail"]}</th><th>${t["admin.column.state"]}</th><th></th></tr></thead>
  <tbody>
  <#list attendees as a>
    <tr id="attendance-${a.id?c}" class="state-${a.state}"><td>${a.position?is_number?then(a.position?c, "")}</td><td>${a.firstName} ${a.lastName}</td><td>${a.mail}</td><td>${t["admin.state." + a.state]}</td>
      <td><@seatActions a=a courseId=course.id back="/admin/courses/" + course.id?c + "/settings" moveTo=otherCourses/></td></tr>
  </#list>
  </tbody>
</table>
</@admin.page>
