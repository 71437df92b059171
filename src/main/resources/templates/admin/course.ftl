<#import "layout.ftl" as admin>
<@admin.page title=course.language + " " + course.name>
<h1>${course.language} ${course.name}</h1>
<p>${t["admin.column.seats"]}: ${course.seats?c}</p>
<p>${t["admin.course.export"]}: <a id="export-xlsx" href="/admin/courses/${course.id?c}/export.xlsx">XLSX</a> · <a id="export-csv" href="/admin/courses/${course.id?c}/export.csv">CSV</a><#if canManage> · <a id="course-settings" href="/admin/courses/${course.id?c}/settings">${t["admin.course.settings"]}</a></#if></p>
<#include "documents-links.ftl">
<h2>${t["admin.course.attendees"]}</h2>
<#if attendees?size == 0>
<p>${t["admin.course.empty"]}</p>
<#else>
<table class="list" id="attendees">
  <thead><tr><th>${t["admin.column.name"]}</th><th>${t["admin.column.mail"]}</th><th>${t["admin.column.state"]}</th><th>${t["admin.column.position"]}</th><th>${t["admin.column.fee"]}</th><th>${t["admin.column.paid"]}</th><th>${t["admin.column.paidAt"]}</th><th>${t["admin.column.bouncing"]}</th><#if canManage><th>${t["admin.column.payment"]}</th></#if></tr></thead>
  <tbody>
  <#list attendees as a>
    <tr id="attendance-${a.id?c}" class="state-${a.state}<#if a.owing> owing</#if>">
      <td>${a.name}</td><td>${a.mail}</td><td>${a.stateText}</td><td>${a.position}</td><td>${a.fee}<#if a.originPending>
        <span class="pending">(${t["signup.origin.pending"]})</span><#if canManage>
        <form method="post" action="/admin/courses/${course.id?c}/origin-confirm" class="inline" id="origin-confirm-${a.id?c}">
          <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="attendanceId" value="${a.id?c}">
          <button type="submit">${t["admin.origin.confirm"]}</button>
        </form></#if></#if></td><td>${a.paid}</td><td>${a.paidAt}</td>
      <td><#if a.bouncing><span class="problem">${t["admin.course.bouncing"]}</span></#if></td>
      <#if canManage>
      <td>
        <form method="post" action="/admin/courses/${course.id?c}/payments" class="inline">
          <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
          <input type="hidden" name="attendanceId" value="${a.id?c}">
          <label for="amount-${a.id?c}" class="visually-hidden">${t["admin.payment.amount"]}</label>
          <input id="amount-${a.id?c}" name="amount" inputmode="decimal" size="7" placeholder="${t["admin.payment.amount"]}" required>
          <label for="note-${a.id?c}" class="visually-hidden">${t["admin.payment.note"]}</label>
          <input id="note-${a.id?c}" name="note" size="12" maxlength="400" placeholder="${t["admin.payment.note"]}">
          <input name="paidOn" type="date" value="${.now?string["yyyy-MM-dd"]}" required aria-label="${t["admin.desk.paid-on"]}">
          <button type="submit">${t["admin.payment.submit"]}</button>
        </form>
      </td>
      </#if>
    </tr>
  </#list>
  </tbody>
</table>
</#if>
</@admin.page>
