<#-- signup.pool (en), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Signup received: ${courseName}</#assign>
Dear ${firstName!""} ${lastName!""},

We have received your signup for the course “${courseName}”<#if courseLang?has_content> (${courseLang})</#if>. Seats are drawn by lot after the signup phase ends; we will tell you the result by e-mail.

<#if statusUrl??>You can check the status of your signup at any time here:
${statusUrl}</#if>

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
