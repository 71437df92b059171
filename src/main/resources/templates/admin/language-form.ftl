<#-- the language form, empty for a new language or filled for an existing one -->
<#macro languageForm action l submit>
<form method="post" action="${action}" class="stacked" id="language-form">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <input type="hidden" name="checkboxes" value="manualMode">
  <label for="nameDe">${t["admin.language.nameDe"]}</label><input id="nameDe" name="nameDe" value="${l.nameDe!""}" maxlength="120" required>
  <label for="nameEn">${t["admin.language.nameEn"]}</label><input id="nameEn" name="nameEn" value="${l.nameEn!""}" maxlength="120" required>
  <label for="signupBegin">${t["admin.language.signupBegin"]}</label><input id="signupBegin" name="signupBegin" type="datetime-local" value="${l.signupBeginLocal!""}">
  <label for="lotteryEnd">${t["admin.language.lotteryEnd"]}</label><input id="lotteryEnd" name="lotteryEnd" type="datetime-local" value="${l.lotteryEndLocal!""}">
  <label for="fcfsBegin">${t["admin.language.fcfsBegin"]}</label><input id="fcfsBegin" name="fcfsBegin" type="datetime-local" value="${l.fcfsBeginLocal!""}">
  <label for="signupEnd">${t["admin.language.signupEnd"]}</label><input id="signupEnd" name="signupEnd" type="datetime-local" value="${l.signupEndLocal!""}">
  <label><input type="checkbox" id="manualMode" name="manualMode" <#if (l.manualMode!false)>checked</#if>> ${t["admin.language.manualMode"]}</label>
  <#if !(l.id??) && (openSemesters!([]))?has_content>
  <label for="semesterId">${t["semesters.of-language"]}</label><select id="semesterId" name="semesterId"><#list openSemesters as s><option value="${s.id?c}" <#if (semester.id!0) == s.id>selected</#if>>${s.name}</option></#list></select>
  </#if>
  <label for="replyTo">${t["admin.language.replyTo"]}</label><input id="replyTo" name="replyTo" type="email" value="${l.replyTo!""}" maxlength="254">
  <p><button type="submit" id="save-language">${submit}</button></p>
</form>
</#macro>
