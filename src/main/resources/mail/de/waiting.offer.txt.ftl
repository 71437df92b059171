<#-- waiting.offer (de), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Platzangebot: ${courseName}</#assign>
Hallo ${firstName!""} ${lastName!""},

Im Kurs „${courseName}“<#if courseLang?has_content> (${courseLang})</#if> ist ein Platz frei geworden, und er ist für Sie reserviert.

<#if offerExpires??>Bitte nehmen Sie das Angebot bis ${offerExpires} an, sonst geht der Platz an die nächste Person auf der Warteliste.<#else>Bitte nehmen Sie das Angebot bald an, sonst geht der Platz an die nächste Person auf der Warteliste.</#if>

<#if fee??>Kursgebühr: ${fee}</#if>

<#if acceptUrl??>Platz annehmen: ${acceptUrl}</#if>
<#if declineUrl??>Platz ablehnen: ${declineUrl}</#if>

<#if statusUrl??>Ihren Anmeldestatus sehen Sie jederzeit hier:
${statusUrl}</#if>

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
