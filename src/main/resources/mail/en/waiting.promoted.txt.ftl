<#-- waiting.promoted (en), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>You have a seat: ${courseName}</#assign>
Dear ${firstName!""} ${lastName!""},

Good news: a seat has become free in the course “${courseName}”<#if courseLang?has_content> (${courseLang})</#if>. You have moved up from the waiting list and now have a confirmed seat.

<#if fee??>Course fee: ${fee}</#if>

<#if statusUrl??>You can check the status of your signup at any time here:
${statusUrl}</#if>

<#if signoffUrl??>If you cannot attend after all, please sign off so that someone from the waiting list can move up:
${signoffUrl}</#if>

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
