<#-- signup.signed-off (en), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Sign-off confirmed: ${courseName}</#assign>
Dear ${firstName!""} ${lastName!""},

You have signed off from the course “${courseName}”<#if courseLang?has_content> (${courseLang})</#if>. Your seat goes to the next person on the waiting list.

<#if statusUrl??>You can check the status of your signup at any time here:
${statusUrl}</#if>

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
