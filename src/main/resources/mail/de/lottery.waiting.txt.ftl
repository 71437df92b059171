<#-- lottery.waiting (de), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Losverfahren: Warteliste für ${courseName}</#assign>
Hallo ${firstName!""} ${lastName!""},

Die Plätze im Kurs „${courseName}“<#if courseLang?has_content> (${courseLang})</#if> wurden verlost. Diesmal hat es nicht für einen festen Platz gereicht; Sie stehen auf der Warteliste und bekommen eine Nachricht, sobald ein Platz für Sie frei wird.

<#if position??>Ihr Platz auf der Warteliste: ${position}</#if>

<#if statusUrl??>Ihren Anmeldestatus sehen Sie jederzeit hier:
${statusUrl}</#if>

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
