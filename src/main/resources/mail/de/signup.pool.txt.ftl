<#-- signup.pool (de), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Anmeldung eingegangen: ${courseName}</#assign>
Hallo ${firstName!""} ${lastName!""},

Ihre Anmeldung für den Kurs „${courseName}“<#if courseLang?has_content> (${courseLang})</#if> ist eingegangen. Die Plätze werden nach Ende der Anmeldephase verlost; über das Ergebnis informieren wir Sie per E-Mail.

<#if statusUrl??>Ihren Anmeldestatus sehen Sie jederzeit hier:
${statusUrl}</#if>

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
