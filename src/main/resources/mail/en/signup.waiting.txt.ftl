<#-- signup.waiting (en), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Waiting list: ${courseName}</#assign>
Dear ${firstName!""} ${lastName!""},

The course “${courseName}”<#if courseLang?has_content> (${courseLang})</#if> is full at the moment. You are on the waiting list and will hear from us as soon as a seat becomes free for you.

<#if position??>Your position on the waiting list: ${position}</#if>

<#if statusUrl??>You can check the status of your signup at any time here:
${statusUrl}</#if>

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
