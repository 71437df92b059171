<#import "layout.ftl" as admin>
<@admin.page title=t["admin.payments.title"]>
<h1>${t["admin.payments.title"]}</h1>
<form method="get" action="/admin/payments" class="inline" id="payment-filter">
  <label for="f-language">${t["admin.tokens.language"]}</label>
  <select id="f-language" name="languageId"><option value=""></option><#list languages as l><option value="${l.id?c}" <#if (filter.languageId!"") == l.id?c>selected</#if>>${(lang == "en")?then(l.nameEn, l.nameDe)}</option></#list></select>
  <label for="f-course">${t["admin.column.course"]}</label>
  <select id="f-course" name="courseId"><option value=""></option><#list courses as c><option value="${c.id?c}" <#if (filter.courseId!"") == c.id?c>selected</#if>>${c.level} ${c.alternative}</option></#list></select>
  <label for="f-days">${t["admin.payments.older-than"]}</label><input id="f-days" name="olderThanDays" type="number" min="0" max="3650" size="4" value="${filter.olderThanDays!""}">
  <label for="f-q">${t["admin.payments.lookup"]}</label><input id="f-q" name="q" value="${filter.q!""}" maxlength="200">
  <button type="submit">${t["admin.applicants.find"]}</button>
</form>
<table class="list" id="open-payments">
  <thead><tr><th>${t["admin.column.name"]}</th><th>${t["admin.column.course"]}</th><th>${t["admin.column.fee"]}</th><th>${t["admin.column.paid"]}</th><th>${t["admin.column.status"]}</th><th>${t["admin.column.payment"]}</th></tr></thead>
  <tbody>
  <#list desk.attendances as p>
    <tr id="open-${p.attendanceId?c}" class="standing-${p.standing}"><td><a href="/admin/applicants/${p.applicantId?c}">${p.name}</a><br>${p.mail}</td>
      <td>${(lang == "en")?then(p.languageEn, p.languageDe)} ${p.course}</td><td>${(p.feeCents / 100)?string["0.00"]}</td><td>${(p.amountPaidCents / 100)?string["0.00"]}</td>
      <td>${t["admin.payments.standing." + p.standing]}</td>
      <td><form method="post" action="/admin/attendances/${p.attendanceId?c}/pay" class="inline">
        <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}"><input type="hidden" name="back" value="/admin/payments">
        <input name="amount" size="7" inputmode="decimal" placeholder="${t["admin.payment.amount"]}" required aria-label="${t["admin.payment.amount"]}">
        <select name="method" aria-label="${t["admin.payments.method"]}"><#list ["cash","transfer","card","other"] as m><option value="${m}">${t["admin.payments.method." + m]}</option></#list></select>
        <input name="note" size="10" maxlength="400" placeholder="${t["admin.payment.note"]}" aria-label="${t["admin.payment.note"]}">
        <input name="paidOn" type="date" value="${.now?string["yyyy-MM-dd"]}" required aria-label="${t["admin.desk.paid-on"]}">
        <button type="submit" id="pay-${p.attendanceId?c}">${t["admin.payment.submit"]}</button></form></td></tr>
  </#list>
  </tbody>
</table>
<h2>${t["admin.payments.totals"]}</h2>
<table class="list" id="owed-by-course"><thead><tr><th>${t["admin.column.course"]}</th><th>${t["admin.payments.owed"]}</th><th>#</th></tr></thead><tbody>
<#list desk.owedByCourse as o><tr><td>${o.name}</td><td>${(o.owedCents / 100)?string["0.00"]}</td><td>${o.count?c}</td></tr></#list>
</tbody></table>
<table class="list" id="owed-by-language"><thead><tr><th>${t["admin.tokens.language"]}</th><th>${t["admin.payments.owed"]}</th><th>#</th></tr></thead><tbody>
<#list desk.owedByLanguage as o><tr><td>${o.name}</td><td>${(o.owedCents / 100)?string["0.00"]}</td><td>${o.count?c}</td></tr></#list>
</tbody></table>
</@admin.page>
