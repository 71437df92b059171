<#-- signup.waiting (de), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Warteliste: ${courseName}</#assign>
Hallo ${firstName!""} ${lastName!""},

Der Kurs „${courseName}“<#if courseLang?has_content> (${courseLang})</#if> ist im Moment voll. Sie stehen auf der Warteliste und bekommen eine Nachricht, sobald ein Platz für Sie frei wird.

<#if position??>Ihr Platz auf der Warteliste: ${position}</#if>

<#if statusUrl??>Ihren Anmeldestatus sehen Sie jederzeit hier:
${statusUrl}</#if>

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
