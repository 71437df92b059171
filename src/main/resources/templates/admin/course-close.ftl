<#-- closing a course stops new signups; its attendances stay. Reopening lets signups in again. -->
<section id="course-closing">
<#if course.closed>
  <p id="course-closed-notice"><strong>${t["admin.desk.closed-notice"]}</strong></p>
  <form method="post" action="/admin/courses/${course.id?c}/reopen" class="inline">
    <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><button type="submit" id="reopen-course">${t["admin.desk.reopen"]}</button>
  </form>
<#else>
  <form method="post" action="/admin/courses/${course.id?c}/close" class="inline">
    <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><button type="submit" id="close-course">${t["admin.desk.close"]}</button>
  </form>
</#if>
</section>
