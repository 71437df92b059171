<#-- lottery.waiting (en), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Lottery: waiting list for ${courseName}</#assign>
Dear ${firstName!""} ${lastName!""},

The seats in the course “${courseName}”<#if courseLang?has_content> (${courseLang})</#if> have been drawn by lot. This time you did not get a seat; you are on the waiting list and will hear from us as soon as a seat becomes free for you.

<#if position??>Your position on the waiting list: ${position}</#if>

<#if statusUrl??>You can check the status of your signup at any time here:
${statusUrl}</#if>

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
