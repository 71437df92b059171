<#-- signup.signed-off (de), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Abmeldung bestätigt: ${courseName}</#assign>
Hallo ${firstName!""} ${lastName!""},

Sie haben sich vom Kurs „${courseName}“<#if courseLang?has_content> (${courseLang})</#if> abgemeldet. Ihr Platz wird an die nächste Person auf der Warteliste vergeben.

<#if statusUrl??>Ihren Anmeldestatus sehen Sie jederzeit hier:
${statusUrl}</#if>

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
