<#import "layout.ftl" as admin>
<#include "seat-actions.ftl">
<#assign a = applicant>
<@admin.page title=a.firstName + " " + a.lastName>
<h1>${a.firstName} ${a.lastName}</h1>
<p id="applicant-mail">${a.mail}<#if a.bouncing> · <span class="problem">${t["admin.course.bouncing"]}</span></#if></p>
<p><a href="/admin/applicants/${a.id?c}/edit" id="edit-applicant">${t["admin.desk.edit"]}</a></p>
<h2>${t["admin.applicant.attendances"]}</h2>
<table class="list" id="attendances">
  <thead><tr><th>${t["admin.column.course"]}</th><th>${t["admin.column.state"]}</th><th>${t["admin.column.fee"]}</th><th>${t["admin.column.paid"]}</th><th></th><th>${t["admin.column.payment"]}</th></tr></thead>
  <tbody>
  <#list a.attendances as t1>
    <tr id="attendance-${t1.id?c}" class="state-${t1.state}"><td>${(lang == "en")?then(t1.languageEn, t1.languageDe)} ${t1.course}</td><td>${t["admin.state." + t1.state]}</td>
      <td>${(t1.feeCents / 100)?string["0.00"]}</td><td>${(t1.amountPaidCents / 100)?string["0.00"]}</td>
      <td><@seatActions a=t1 courseId=t1.courseId back="/admin/applicants/" + a.id?c moveTo=courses/></td>
      <td><form method="post" action="/admin/attendances/${t1.id?c}/pay" class="inline">
        <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="back" value="/admin/applicants/${a.id?c}">
        <input name="amount" size="7" inputmode="decimal" placeholder="${t["admin.payment.amount"]}" required aria-label="${t["admin.payment.amount"]}">
        <select name="method" aria-label="${t["admin.payments.method"]}"><#list ["cash","transfer","card","other"] as m><option value="${m}">${t["admin.payments.method." + m]}</option></#list></select>
        <input name="note" size="10" maxlength="400" placeholder="${t["admin.payment.note"]}" aria-label="${t["admin.payment.note"]}">
        <input name="paidOn" type="date" value="${.now?string["yyyy-MM-dd"]}" required aria-label="${t["admin.desk.paid-on"]}">
        <button type="submit">${t["admin.payment.submit"]}</button></form>
        <#list t1.payments as p><br><span class="payment" id="payment-${p.id?c}">${(p.amountCents / 100)?string["0.00"]} € ${t["admin.payments.method." + (p.method?has_content)?then(p.method, "other")]} ${t["admin.desk.paid-on"]} ${p.paidOn} ${p.note}</span></#list></td></tr>
  </#list>
  </tbody>
</table>
<#if courses?size gt 0>
<h2>${t["admin.seat.add"]}</h2>
<form method="post" id="add-form" action="/admin/applicants/${a.id?c}/add" class="inline">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="back" value="/admin/applicants/${a.id?c}"><input type="hidden" name="checkboxes" value="notify">
  <label for="add-course">${t["admin.seat.to-course"]}</label>
  <select id="add-course" name="courseId"><#list courses as c><option value="${c.id?c}">${c.level} ${c.alternative}</option></#list></select>
  <label><input type="checkbox" name="notify" checked> ${t["admin.seat.notify"]}</label>
  <button type="submit" id="add-submit">${t["admin.seat.add"]}</button>
</form>
</#if>
<h2>${t["admin.applicant.mails"]}</h2>
<table class="list" id="mails"><thead><tr><th>${t["admin.column.created"]}</th><th>${t["admin.column.kind"]}</th><th>${t["admin.column.status"]}</th><th>${t["admin.column.error"]}</th></tr></thead><tbody>
<#list a.mails as m><tr><td>${m.createdAt?replace("T", " ")?keep_before(".")}</td><td>${m.kind}</td><td>${m.state}</td><td>${m.lastError}</td></tr></#list>
</tbody></table>
<h2>${t["admin.applicant.audit"]}</h2>
<#include "audit-table.ftl">
<@auditTable rows=a.audit/>
</@admin.page>
