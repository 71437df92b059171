<#-- staff.moved (en), plain text; also sets the subject. fromCourse names the course left. -->
<#import "/text.ftl" as t>
<#assign subject>Course changed: ${(course.name)!""}</#assign>
<@t.hello/>

The course team has moved your signup<#if fromCourse??> from the course <@t.coursePhrase c=fromCourse/></#if> to the course <@t.coursePhrase c=course!{}/>.

<@t.stateLine/>

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
