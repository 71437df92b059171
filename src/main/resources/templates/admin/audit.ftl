<#import "layout.ftl" as admin>
<#include "audit-table.ftl">
<@admin.page title=t["admin.audit.title"]>
<h1>${t["admin.audit.title"]}</h1>
<form method="get" action="/admin/audit" class="inline" id="audit-filter">
  <label for="a-actor">${t["admin.audit.actor"]}</label><input id="a-actor" name="actor" value="${filter.actor!""}" maxlength="200">
  <label for="a-action">${t["admin.audit.action"]}</label><input id="a-action" name="action" value="${filter.action!""}" maxlength="60">
  <label for="a-entity">${t["admin.audit.entity"]}</label><input id="a-entity" name="entity" value="${filter.entity!""}" maxlength="40">
  <label for="a-course">${t["admin.column.course"]}</label><input id="a-course" name="courseId" value="${filter.courseId!""}" size="6" inputmode="numeric">
  <label for="a-applicant">${t["admin.audit.applicant"]}</label><input id="a-applicant" name="applicantId" value="${filter.applicantId!""}" size="6" inputmode="numeric">
  <button type="submit">${t["admin.applicants.find"]}</button>
</form>
<@auditTable rows=rows/>
</@admin.page>
