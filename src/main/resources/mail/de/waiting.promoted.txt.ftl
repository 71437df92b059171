<#-- waiting.promoted (de), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Platz erhalten: ${courseName}</#assign>
Hallo ${firstName!""} ${lastName!""},

Gute Nachricht: Im Kurs „${courseName}“<#if courseLang?has_content> (${courseLang})</#if> ist ein Platz frei geworden. Sie sind von der Warteliste nachgerückt und haben jetzt einen festen Platz.

<#if fee??>Kursgebühr: ${fee}</#if>

<#if statusUrl??>Ihren Anmeldestatus sehen Sie jederzeit hier:
${statusUrl}</#if>

<#if signoffUrl??>Falls Sie doch nicht teilnehmen können, melden Sie sich bitte ab, damit jemand von der Warteliste nachrücken kann:
${signoffUrl}</#if>

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
