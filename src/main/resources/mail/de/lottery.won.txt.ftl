<#-- lottery.won (de), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Losverfahren: Platz erhalten in ${courseName}</#assign>
Hallo ${firstName!""} ${lastName!""},

Die Plätze im Kurs „${courseName}“<#if courseLang?has_content> (${courseLang})</#if> wurden verlost, und Sie haben einen Platz erhalten.

<#if fee??>Kursgebühr: ${fee}</#if>

<#if statusUrl??>Ihren Anmeldestatus sehen Sie jederzeit hier:
${statusUrl}</#if>

<#if signoffUrl??>Falls Sie doch nicht teilnehmen können, melden Sie sich bitte ab, damit jemand von der Warteliste nachrücken kann:
${signoffUrl}</#if>

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
